# Example 1
Set-UMServer -Identity MyUMServer -Status NoNewCalls
# Example 2
Set-UMServer -Identity MyUMServer -DialPlans $null
# Example 3
Set-UMServer -Identity MyUMServer -DialPlans MyUMDialPlanName -MaxCallsAllowed 50
# Example 4
Set-UMServer -Identity MyUMServer -GrammarGenerationSchedule 0.02:30-1.03:00,1.02:30-1.03:00,2.02:30-2.03:00,3.02:30-3.03:00,4.02:30-4.03:00,5.02:30-5.03:00,6.02:30-6.03:00
