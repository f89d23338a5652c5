// Placeholder until the HTTP benchmark server lands.
print("http-bench-server")
