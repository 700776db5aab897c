# Unit tests of common/crypto, added to the tests_common suite.
target_sources(tests_common PRIVATE
  unit/common/crypto/PrivateKeyTest.cpp
  unit/common/crypto/CertificateTest.cpp
  unit/common/crypto/CertificateIssuerTest.cpp
)
