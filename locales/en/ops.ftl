# Operations: personal data erased (npm run cli -- member erase)
ops-former-member = A former member
