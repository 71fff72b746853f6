error-generic = Xin lỗi, đã có lỗi khi xử lý yêu cầu. Thông tin anh/chị đã nhập trước đó vẫn được giữ nguyên; vui lòng thử lại.
unhandled-stale-button = Nút này đã cũ. Vui lòng dùng tin nhắn mới nhất.
unhandled-edited = Sửa tin nhắn đã gửi không làm thay đổi câu trả lời đã lưu. Để sửa một câu trả lời, gõ "xem lại" rồi chọn phần và câu cần sửa.
unhandled-message = Tôi chưa hiểu yêu cầu này. Gõ /help để xem những việc có thể làm.

role-officer = cán bộ đầu mối của <b>{ $agency }</b>
role-consultant = đầu mối hướng dẫn, tư vấn
role-secretariat = thành viên Bộ phận thường trực ({ $secretariatName })

command-start = Bắt đầu, xem tình hình báo cáo
command-help = Hướng dẫn sử dụng
command-lang = Đổi ngôn ngữ (Tiếng Việt / English)
command-link = Liên kết tài khoản Telegram và Zalo
command-ask = Hỏi đầu mối tư vấn
command-queue = Câu hỏi đang chờ trả lời (đầu mối, bộ phận thường trực)
command-rounds = Các đợt báo cáo (bộ phận thường trực)
command-broadcast = Gửi thông báo (bộ phận thường trực)
command-progress = Tiến độ đợt báo cáo (bộ phận thường trực, đầu mối)
web-link =
    Đường link đăng nhập bảng điều khiển (chỉ dành cho anh/chị, dùng một lần, trong { $minutes } phút):
    { $link }
    Không chuyển link này cho ai. Xem các phiên đăng nhập: /web sessions; đăng xuất mọi nơi: /web signout
web-too-many = Anh/chị đã xin nhiều link đăng nhập trong một giờ qua; vui lòng thử lại sau.
web-usage = Cách dùng: /web (link đăng nhập bảng điều khiển), /web sessions (các phiên đăng nhập), /web signout (đăng xuất mọi nơi)
web-sessions-none = Anh/chị chưa đăng nhập bảng điều khiển ở đâu.
web-sessions-title = Các phiên đăng nhập bảng điều khiển ({ $count }):
web-sessions-line = • { $device }: từ { $started }, dùng lần cuối { $seen }
web-sessions-hint = Đăng xuất mọi nơi: /web signout (hoặc trong bảng điều khiển, mục phiên đăng nhập)
web-signed-out = Đã đăng xuất { $count } phiên bảng điều khiển.
unhandled-unsupported = Trợ lý chỉ đọc được tin nhắn chữ. Gõ /help để xem những việc có thể làm.
