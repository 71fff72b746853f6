help-officer =
    Anh/chị là { $role }.
    /start — xem tình hình báo cáo của đơn vị
    /lang — đổi ngôn ngữ
    /help — hướng dẫn này
help-consultant =
    Anh/chị là { $role }.
    /start — bắt đầu
    /lang — đổi ngôn ngữ
    /help — hướng dẫn này
help-secretariat =
    Anh/chị là { $role }.
    /start — bắt đầu
    /lang — đổi ngôn ngữ
    /help — hướng dẫn này
    Cấp mã mời: npm run cli -- invite --role officer --agency ha-noi
