# Example 1
New-PolicyTipConfig -Name en\NotifyOnly -Value "This message contains content that is restricted by Contoso company policy."
# Example 2
New-PolicyTipConfig Url -Value "https://www.contoso.com/PolicyTipInformation"
