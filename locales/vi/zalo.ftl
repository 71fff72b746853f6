zalo-help-officer =
    Anh/chị là { $role }.
    /start — xem tình hình báo cáo của đơn vị, bắt đầu hoặc tiếp tục điền
    /ask — hỏi đầu mối tư vấn (khi đang điền: gõ "hỏi tư vấn" để hỏi về câu đang hiện; có thể gửi kèm ảnh)
    Khi điền: gõ số của lựa chọn (ví dụ 1) hoặc chữ của lựa chọn; các lệnh luôn gõ bằng chữ: "quay lại", "xem lại", "bỏ qua", "để sau", "tạm dừng", "gửi". Câu hỏi về số, tháng, ngày hay số điện thoại thì số gõ vào luôn là câu trả lời.
    /lang — đổi ngôn ngữ
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
    Cần gọi điện, viết thư: các văn bản (2022–2023) nêu tên các đầu mối sau; đơn vị, số điện thoại như văn bản in:
    { $programmeContacts }
zalo-help-consultant =
    Anh/chị là { $role }. Câu hỏi của cán bộ các tỉnh anh/chị phụ trách được gửi về đây: gõ số của dòng "Trả lời", "Đóng" hoặc "Chuyển bộ phận thường trực" dưới câu hỏi, rồi nhập nội dung.
    /queue — các câu hỏi đang mở, cũ nhất trước
    /progress [mã đợt] — tiến độ các tỉnh anh/chị phụ trách
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /lang — đổi ngôn ngữ; /link — dùng cả Telegram và Zalo; /help — hướng dẫn này
zalo-help-secretariat =
    Anh/chị là { $role }. Câu hỏi gửi bộ phận thường trực được gửi về đây; trả lời bằng cách gõ số của dòng dưới câu hỏi.
    /queue — mọi câu hỏi đang mở và tình hình từng đầu mối
    /progress [mã đợt] [group:mã nhóm] — tiến độ; /export [mã đợt] — bảng tổng hợp (.xlsx, .csv)
    /review &lt;mã đơn vị&gt; [mã đợt] — chấp nhận hoặc trả lại báo cáo đã gửi
    /rounds — các đợt báo cáo; /round create|extend|close|reopen — tạo, gia hạn, đóng, mở lại đợt
    /members [mã đơn vị] — thành viên; /remove &lt;mã thành viên&gt; — thu hồi quyền
    /broadcast — gửi thông báo (gõ số của nhóm nhận)
    /assign &lt;mã tỉnh&gt; &lt;mã đầu mối&gt; — đổi đầu mối tư vấn của một tỉnh
    /forms — các biểu mẫu (nhập biểu mẫu mới: gửi tệp XLSForm qua Telegram, hoặc npm run cli -- form import)
    /web — mở bảng điều khiển trên trình duyệt (link đăng nhập dùng một lần)
    /lang — đổi ngôn ngữ; /link — dùng cả Telegram và Zalo; /help — hướng dẫn này
zalo-file-link = 📎 { $caption }: { $link } (liên kết chỉ dành cho anh/chị, dùng được trong { $minutes ->
    [15] 15 phút
   *[other] 24 giờ
 })
zalo-file-elsewhere = 📎 { $caption }: Zalo chưa nhận được tệp từ trợ lý ở đây. Xem trên Telegram (/link) hoặc đề nghị bộ phận thường trực gửi qua thư điện tử.
zalo-group = Trợ lý báo cáo Đề án 06 chỉ làm việc trong tin nhắn riêng. Đề nghị nhắn riêng cho trợ lý.
zalo-commands =
    { $choices ->
        [yes] Hoặc gõ: { $commands }
       *[no] Gõ: { $commands }
    }
