# Example 1
New-PublicFolder -Name Marketing
# Example 2
New-PublicFolder -Name FY2010 -Path \Legal\Cases -Server MBXSVR01
# Example 3
New-PublicFolder -Name FY2014 -Path \Legal\Cases
# Example 4
New-PublicFolder -Name Support -Mailbox North_America
