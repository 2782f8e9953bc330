# Example 1
Undo-SoftDeletedUnifiedGroup -SoftDeletedObject "Marketing Department"
