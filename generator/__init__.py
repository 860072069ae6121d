"""Township authority catalogs: validate delegation data and generate the public site."""
