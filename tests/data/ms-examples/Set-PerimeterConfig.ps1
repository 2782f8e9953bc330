# Example 1
Set-PerimeterConfig -GatewayIPAddresses 123.0.0.1
