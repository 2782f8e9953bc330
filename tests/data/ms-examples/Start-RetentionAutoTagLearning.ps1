# Example 1
Start-RetentionAutoTagLearning -Identity "Joe Healy" -Train
# Example 2
Start-RetentionAutoTagLearning -Identity "Joe Healy" -CrossValidate -NumberOfSegments 15
# Example 3
Start-RetentionAutoTagLearning -Identity "Joe Healy" -Clear
