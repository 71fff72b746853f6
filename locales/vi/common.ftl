error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu. Thông tin anh/chị đã nhập trước đó vẫn được giữ nguyên; vui lòng thử lại.
unhandled-stale-button = Nút này đã cũ. Vui lòng dùng tin nhắn mới nhất.
unhandled-edited = Sửa tin nhắn đã gửi không làm thay đổi câu trả lời đã lưu. Để sửa một câu trả lời, gõ "xem lại" rồi chọn phần và câu cần sửa.
unhandled-message = Tôi chưa hiểu yêu cầu này. Gõ /help để xem những việc có thể làm.

role-officer = cán bộ đầu mối của <b>{ $agency }</b>
role-consultant = đầu mối hướng dẫn, tư vấn
role-secretariat = Thư ký Tổ công tác

command-start = Bắt đầu, xem tình hình báo cáo
command-help = Hướng dẫn sử dụng
command-lang = Đổi ngôn ngữ (Tiếng Việt / English)
command-link = Liên kết tài khoản Telegram và Zalo
command-ask = Hỏi đầu mối tư vấn
command-queue = Câu hỏi đang chờ trả lời (đầu mối, Thư ký)
command-rounds = Các đợt báo cáo (Thư ký)
command-broadcast = Gửi thông báo (Thư ký)
command-progress = Tiến độ đợt báo cáo (Thư ký, đầu mối)
