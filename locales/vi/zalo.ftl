zalo-help-officer =
    Anh/chị là { $role }.
    /start — xem tình hình báo cáo của đơn vị, bắt đầu hoặc tiếp tục điền
    Khi điền: gõ số của lựa chọn (ví dụ 1), hoặc chữ của lựa chọn; gõ "quay lại", "xem lại", "bỏ qua", "tạm dừng", "gửi" để điều hướng.
    /lang — đổi ngôn ngữ
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
zalo-help-consultant =
    Anh/chị là { $role }. Trên Zalo hiện chỉ dùng được /help, /lang và /link; câu hỏi của cán bộ được gửi tới anh/chị trên Telegram.
zalo-help-secretariat =
    Anh/chị là { $role }. Trên Zalo hiện chỉ dùng được /help, /lang và /link; các lệnh của Thư ký dùng trên Telegram hoặc bằng dòng lệnh.
zalo-command-not-here = Lệnh /{ $command } chưa dùng được trên Zalo. Gõ /help để xem những việc có thể làm ở đây.
zalo-unsupported = Trợ lý chỉ đọc được tin nhắn chữ. Gõ /help để xem những việc có thể làm.
zalo-screen-again = Màn hình đã thay đổi trước khi tin nhắn của anh/chị tới. Đây là câu hỏi hiện tại:
zalo-group = Trợ lý báo cáo Đề án 06 chỉ làm việc trong tin nhắn riêng. Vui lòng nhắn riêng cho trợ lý.
