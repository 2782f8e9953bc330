Set-OrganizationConfig -RejectDirectSend $true
