zalo-oa-followed =
    Cảm ơn anh/chị đã quan tâm. Đây là trợ lý báo cáo Đề án 06 của { $secretariatName }.
    Nếu anh/chị được mời tham gia, hãy gõ mã mời (ví dụ ABCD-EFGH-JKLM) thành một tin nhắn gửi vào đây.
zalo-oa-followed-member = Chào mừng anh/chị quay lại. Gõ /start để xem tình hình báo cáo, /help để xem hướng dẫn.

## The console's broadcast page: people the Zalo OA may write to only once they write again (its consultation window)
console-broadcast-reach-waiting = Chỉ nhận được khi họ nhắn lại (Zalo OA)
console-broadcast-waiting = Đang chờ người nhận nhắn lại ({ $count })
console-broadcast-waiting-why = Zalo OA chỉ được nhắn cho người dùng trong một thời gian sau tin nhắn gần nhất của họ, và những người này không có tài khoản nào khác để nhận. Tin sẽ được gửi ngay khi họ nhắn cho OA.
console-broadcast-waiting-since = { $who }: không liên lạc được từ { $since }
console-unreachable-now = Chưa liên lạc được ({ $count })
console-unreachable-now-row = { $who }: { $count } tin đang chờ, không liên lạc được từ { $since }
console-round-unreachable-since = không liên lạc được từ { $since }

## /progress: officers no messenger may reach now (Zalo OA's window closed), whose messages wait for them
progress-unreachable = Chưa liên lạc được (tin nhắn đang chờ cán bộ nhắn lại cho Zalo OA):
progress-unreachable-row = • { $agency }: từ { $since }
