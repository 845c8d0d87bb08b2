"""The intake form the field officer records bags with: the tag and its scan guard, reception time, personal effects."""
