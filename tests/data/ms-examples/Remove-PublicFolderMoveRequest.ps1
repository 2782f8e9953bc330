# Example 1
Remove-PublicFolderMoveRequest -Identity \PublicFolderMove
# Example 2
Remove-PublicFolderMoveRequest -RequestQueue MBXDB01 -RequestGuid 25e0eaf2-6cc2-4353-b83e-5cb7b72d441f
