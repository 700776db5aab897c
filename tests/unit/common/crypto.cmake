# Unit tests of common/crypto, added to the tests_common suite.
target_sources(tests_common PRIVATE
  unit/common/crypto/PrivateKeyTest.cpp
  unit/common/crypto/CertificateTest.cpp
  unit/common/crypto/CertificateIssuerTest.cpp
  unit/common/crypto/SignatureTest.cpp
  unit/common/crypto/ChainVerifierTest.cpp
  unit/common/crypto/Pkcs12Test.cpp
  unit/common/crypto/PasswordHashTest.cpp
  unit/common/crypto/PassphraseCipherTest.cpp
  unit/common/crypto/RandomTest.cpp
  unit/common/crypto/HostileInputTest.cpp
)
