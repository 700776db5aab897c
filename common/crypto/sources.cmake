# common/crypto: the only OpenSSL user in Steward (RAII wrappers, Qt types at the boundary).
target_sources(steward_common PRIVATE
  crypto/OpenSslSupport.cpp
  crypto/KeySpec.cpp
  crypto/Random.cpp
  crypto/SecureFile.cpp
  crypto/PublicKey.cpp
  crypto/PrivateKey.cpp
  crypto/Certificate.cpp
  crypto/CertificateParsing.cpp
  crypto/CertificateRequest.cpp
  crypto/CertificateIssuer.cpp
  crypto/Signature.cpp
  crypto/ChainVerifier.cpp
  crypto/Pkcs12.cpp
  crypto/PasswordHash.cpp
  crypto/PassphraseCipher.cpp
)
target_link_libraries(steward_common PRIVATE OpenSSL::Crypto)
