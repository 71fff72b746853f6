help-officer =
    Anh/chị là { $role }.
    /start — xem tình hình báo cáo của đơn vị, bắt đầu hoặc tiếp tục điền
    /ask — hỏi đầu mối tư vấn (khi đang điền, bấm "Hỏi tư vấn" dưới câu hỏi); không có đầu mối thì câu hỏi tới bộ phận thường trực ({ $secretariatName })
    /lang — đổi ngôn ngữ
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
    Cần gọi điện, viết thư: các văn bản (2022–2023) nêu tên các đầu mối sau; đơn vị, số điện thoại như văn bản in:
    { $programmeContacts }
help-consultant =
    Anh/chị là { $role }. Câu hỏi của cán bộ các tỉnh anh/chị phụ trách được gửi về đây.
    Trả lời: trả lời thẳng (reply) vào tin nhắn câu hỏi, hoặc bấm "Trả lời".
    /queue — các câu hỏi đang mở, cũ nhất trước
    /progress [mã đợt] — tiến độ các tỉnh anh/chị phụ trách
    /lang — đổi ngôn ngữ
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
help-secretariat =
    Anh/chị là { $role }. Câu hỏi của tỉnh chưa có đầu mối, của bộ, ngành và câu hỏi quá hạn được gửi về đây.
    /queue — mọi câu hỏi đang mở và tình hình từng đầu mối
    /progress [mã đợt] [group:mã nhóm] — tiến độ; /export [mã đợt] — bảng tổng hợp (.xlsx, .csv)
    /review &lt;mã đơn vị&gt; [mã đợt] — chấp nhận hoặc trả lại báo cáo đã gửi
    /rounds — các đợt báo cáo; /round create|extend|close|reopen — tạo, gia hạn, đóng, mở lại đợt
    /invite officer &lt;mã đơn vị&gt; | consultant &lt;mã&gt; | secretariat — cấp mã mời
    /members [mã đơn vị] — thành viên; /remove &lt;mã thành viên&gt; — thu hồi quyền
    /broadcast — gửi thông báo tới cán bộ; /broadcast resend &lt;mã&gt; — gửi lại cho người chưa nhận
    /assign &lt;mã tỉnh&gt; &lt;mã đầu mối&gt; — đổi đầu mối tư vấn của một tỉnh
    /forms — các biểu mẫu; gửi một tệp XLSForm (.xlsx) để nhập biểu mẫu mới
    /lang — đổi ngôn ngữ
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
