member-removed = Quyền sử dụng trợ lý báo cáo Đề án 06 của anh/chị đã được Thư ký Tổ công tác thu hồi. Các câu trả lời anh/chị đã gửi vẫn được giữ.
members-title = Thành viên ({ $count }):
members-removed-done = Đã thu hồi quyền của { $id }; người đó đã được báo.
members-unknown = Không có thành viên { $id }. Gõ /members để xem mã thành viên.
members-usage = Cách dùng: /members [mã đơn vị], /remove &lt;mã thành viên&gt;
