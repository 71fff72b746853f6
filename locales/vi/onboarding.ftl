onboarding-stranger =
    Xin chào! Đây là trợ lý báo cáo triển khai Đề án 06 dành cho cán bộ đầu mối của các bộ, ngành, địa phương.
    Để sử dụng, anh/chị cần mã mời do Bộ phận thường trực ({ $secretariatName }) cấp: hãy mở đường link mời, hoặc gửi mã mời (ví dụ ABCD-EFGH-JKMN) vào đây.
onboarding-stranger-short = Anh/chị cần mã mời để sử dụng trợ lý này.
onboarding-joined =
    Chào mừng anh/chị! Anh/chị đã được xác nhận là { $role }.
    Gõ /help để xem những việc có thể làm.
onboarding-already-member = Anh/chị đã là { $role }. Gõ /help để xem những việc có thể làm.
onboarding-welcome-back = Chào anh/chị, { $role }. Gõ /help để xem những việc có thể làm.
onboarding-code-invalid = Mã mời không đúng hoặc đã hết hạn. Vui lòng kiểm tra lại, hoặc đề nghị Bộ phận thường trực ({ $secretariatName }) cấp mã mới.
onboarding-confirm-change = Mã mời này sẽ đổi vai trò của anh/chị từ { $current } thành { $next }. Anh/chị có muốn đổi không?
onboarding-button-change = Đổi vai trò
onboarding-button-keep = Giữ vai trò hiện tại
onboarding-kept = Đã giữ nguyên vai trò của anh/chị; mã mời chưa được dùng.
onboarding-code-used = Mã mời này đã được sử dụng; mỗi mã chỉ dùng được một lần. Vui lòng đề nghị Bộ phận thường trực ({ $secretariatName }) cấp mã mới.
onboarding-locked = Anh/chị đã nhập sai mã mời nhiều lần. Vui lòng thử lại sau { $minutes } phút.
