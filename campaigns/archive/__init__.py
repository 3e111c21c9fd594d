"""The public web versions of sent issues and each channel's archive of them, with an Atom feed."""
