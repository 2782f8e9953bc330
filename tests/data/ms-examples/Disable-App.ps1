# Example 1
Disable-App -Identity 7a774f0c-7a6f-11e0-85ad-07fb4824019b -Mailbox Tony
# Example 2
Disable-App -Identity <GUID for FinanceTestApp> -Mailbox Tony
# Example 3
Disable-App -Identity 545d8236-721a-468f-85d8-254eca7cb0da -Mailbox Tony
