link-code =
    Mã liên kết: <b>{ $code }</b> (dùng một lần, trong 10 phút).
    Trên ứng dụng kia (Telegram hoặc Zalo), nhắn cho trợ lý: /link { $code }
    Không đưa mã này cho ai, kể cả người xưng là cán bộ hỗ trợ: ai có mã có thể xin dùng tài khoản của anh/chị.
link-addresses = Tài khoản của anh/chị: { $list }
link-remove-hint = Gỡ tài khoản đang dùng: /link remove telegram (gõ trên Telegram) hoặc /link remove zalo (gõ trên Zalo)
link-too-many = Anh/chị đã xin nhiều mã liên kết trong một giờ qua; vui lòng thử lại sau.
link-pending = Mã đúng. Để bảo vệ tài khoản, anh/chị cần xác nhận trên { $where }: trợ lý vừa gửi một tin ở đó (trong 10 phút).
link-confirm-ask = Một tài khoản { $channel } vừa gõ mã liên kết của anh/chị để dùng chung tài khoản này. Nếu đúng là anh/chị, hãy xác nhận. Nếu không, hãy từ chối: có người đã biết mã của anh/chị.
link-button-confirm = Xác nhận: đó là { $channel } của tôi
link-button-refuse = Không phải tôi
link-confirmed = Đã liên kết tài khoản { $channel } với anh/chị.
link-refused = Yêu cầu liên kết không được chủ tài khoản xác nhận.
link-refused-done = Đã từ chối: tài khoản kia không được liên kết. Nếu anh/chị không xin mã, hãy báo Bộ phận thường trực.
link-request-gone = Yêu cầu liên kết này đã hết hạn hoặc đã được trả lời.
link-linked = Đã liên kết tài khoản { $channel } này: anh/chị là { $role }. Báo cáo đang điền và các câu hỏi đều tiếp tục được ở đây; gõ /start.
link-linked-other = Một tài khoản { $channel } vừa được liên kết với anh/chị. Nếu không phải anh/chị làm, hãy báo ngay Bộ phận thường trực để gỡ.
link-already = Tài khoản này đã được liên kết với anh/chị.
link-taken = Tài khoản này đang thuộc về một người dùng khác nên không thể liên kết. Vui lòng liên hệ Bộ phận thường trực.
link-invalid = Mã liên kết không đúng hoặc đã hết hạn. Hãy xin mã mới bằng lệnh /link trên ứng dụng đang dùng.
link-removed = Đã gỡ tài khoản { $channel }.
link-last = Không thể gỡ tài khoản cuối cùng của anh/chị.
link-not-theirs = Anh/chị không có tài khoản { $channel } để gỡ.
link-remove-self-only = Chỉ gỡ được tài khoản { $channel } từ chính tài khoản đó (gõ /link remove trên { $channel }), hoặc nhờ Bộ phận thường trực.
link-unlinked-this = Tài khoản { $channel } này đã được gỡ khỏi trợ lý báo cáo Đề án 06; các câu trả lời đã gửi vẫn được giữ.
link-unlinked-other = Tài khoản { $channel } của anh/chị đã được gỡ (từ chính tài khoản đó).
link-unlinked-by-secretariat = Bộ phận thường trực đã gỡ tài khoản { $channel } của anh/chị.
link-usage = Cách dùng: /link (xin mã liên kết), /link &lt;mã&gt;, /link remove telegram|zalo (gõ trên chính tài khoản muốn gỡ)
