# Example 1
Set-UserPhoto -Identity "Paul Cannon" -PictureData ([System.IO.File]::ReadAllBytes("C:\Users\Administrator\Desktop\PaulCannon.jpg"))
# Example 2
Set-UserPhoto -Identity "Ann Beebe" -PictureData ([System.IO.File]::ReadAllBytes("C:\Users\Administrator\Desktop\AnnBeebe.jpg")) -Preview

Set-UserPhoto "Ann Beebe" -Save
# Example 3
Set-UserPhoto -Identity "Ann Beebe" -Cancel
