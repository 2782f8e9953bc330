# Example 1
{{ Add example code here }}
