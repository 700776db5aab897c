# Test support owned by the TLS/net module: typed access to the committed test PKI.
target_sources(steward_test_support PRIVATE
  support/TestPki.cpp
  support/TestPki.h
)
