# Example 1
Remove-MoveRequest -Identity 'Ayla@humongousinsurance.com'
# Example 2
Remove-MoveRequest -MoveRequestQueue MBXDB01 -MailboxGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
