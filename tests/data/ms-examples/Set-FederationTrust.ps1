# Example 1
Set-FederationTrust -Identity "Azure AD Authentication" -Thumbprint AC00F35CBA8359953F4126E0984B5CCAFA2F4F17
# Example 2
Set-FederationTrust -Identity "Azure AD Authentication" -PublishFederationCertificate
# Example 3
Set-FederationTrust -Identity "Azure AD Authentication" -MetadataUrl https://nexus.microsoftonline-p.com/federationmetadata/2006-12/federationmetadata.xml
