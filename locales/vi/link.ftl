link-code =
    🔗 Mã liên kết: <b>{ $code }</b> (dùng một lần, trong 10 phút).
    Trên ứng dụng kia (Telegram hoặc Zalo), nhắn cho trợ lý: /link { $code }
link-addresses = Tài khoản của anh/chị: { $list }
link-remove-hint = Gỡ một tài khoản: /link remove telegram hoặc /link remove zalo
link-too-many = Anh/chị đã xin nhiều mã liên kết trong một giờ qua; vui lòng thử lại sau.
link-linked = 🔗 Đã liên kết tài khoản { $channel } này: anh/chị là { $role }. Báo cáo đang điền và các câu hỏi đều tiếp tục được ở đây; gõ /start.
link-linked-other = 🔗 Một tài khoản { $channel } vừa được liên kết với anh/chị. Nếu không phải anh/chị làm, hãy gõ /link remove { $channelId } và báo Thư ký Tổ công tác.
link-already = Tài khoản này đã được liên kết với anh/chị.
link-taken = Tài khoản này đang thuộc về một người dùng khác nên không thể liên kết. Vui lòng liên hệ Thư ký Tổ công tác.
link-invalid = Mã liên kết không đúng hoặc đã hết hạn. Hãy xin mã mới bằng lệnh /link trên ứng dụng đang dùng.
link-removed = Đã gỡ tài khoản { $channel }.
link-last = Không thể gỡ tài khoản cuối cùng của anh/chị.
link-not-theirs = Anh/chị không có tài khoản { $channel } để gỡ.
link-usage = Cách dùng: /link (xin mã liên kết), /link &lt;mã&gt;, /link remove telegram|zalo
