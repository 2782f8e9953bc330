# Example 1
Export-FilePlanProperty
