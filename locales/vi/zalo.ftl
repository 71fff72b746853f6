zalo-help-officer =
    Anh/chị là { $role }.
    /start — xem tình hình báo cáo của đơn vị, bắt đầu hoặc tiếp tục điền
    /ask — hỏi đầu mối tư vấn (khi đang điền: gõ số của dòng "Hỏi tư vấn về câu này"; có thể gửi kèm ảnh)
    Khi điền: gõ số của lựa chọn (ví dụ 1), hoặc chữ của lựa chọn; gõ "quay lại", "xem lại", "bỏ qua", "tạm dừng", "gửi" để điều hướng.
    /lang — đổi ngôn ngữ
    /link — dùng cả Telegram và Zalo
    /help — hướng dẫn này
zalo-help-consultant =
    Anh/chị là { $role }. Câu hỏi của cán bộ các tỉnh anh/chị phụ trách được gửi về đây: gõ số của dòng "Trả lời", "Đóng" hoặc "Chuyển Thư ký" dưới câu hỏi, rồi nhập nội dung. /queue — các câu hỏi đang mở; /progress — tiến độ các tỉnh anh/chị phụ trách; /lang, /link, /help.
zalo-help-secretariat =
    Anh/chị là { $role }. Câu hỏi gửi Thư ký được gửi về đây và trả lời như đầu mối tư vấn. /queue — mọi câu hỏi đang mở; /progress — tiến độ đợt báo cáo. Các lệnh khác của Thư ký (/export, /review, /rounds, /broadcast, /assign, /members) dùng trên Telegram hoặc bằng dòng lệnh.
zalo-command-not-here = Lệnh /{ $command } chưa dùng được trên Zalo. Gõ /help để xem những việc có thể làm ở đây.
zalo-unsupported = Trợ lý chỉ đọc được tin nhắn chữ. Gõ /help để xem những việc có thể làm.
zalo-screen-again = Màn hình đã thay đổi trước khi tin nhắn của anh/chị tới. Đây là câu hỏi hiện tại:
zalo-files-elsewhere = Biểu đồ tiến độ và bảng tổng hợp (.xlsx) chưa gửi được qua Zalo: xem trên Telegram (/link) hoặc lấy bằng dòng lệnh.
zalo-group = Trợ lý báo cáo Đề án 06 chỉ làm việc trong tin nhắn riêng. Vui lòng nhắn riêng cho trợ lý.
