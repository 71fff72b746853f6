# Vận hành: dữ liệu cá nhân đã xoá (npm run cli -- member erase)
ops-former-member = Một thành viên cũ
