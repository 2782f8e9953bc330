# Example 1
Start-MailboxAssistant -Identity "Chris" -AssistantName BigFunnelRetryFeederTimeBasedAssistant
