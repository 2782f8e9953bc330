# Example 1
New-AuthRedirect -AuthScheme Bearer -TargetURL https://mbx01.contoso.com
