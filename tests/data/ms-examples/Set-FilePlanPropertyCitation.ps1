# Example 1
Set--FilePlanPropertyCitation -Identity "Contoso-0001" -CitationUrl https:intra.contoso.com/citation
