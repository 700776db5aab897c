# common/tls: PEM loading, QSslConfiguration builders, certificate pinning (Qt only, no OpenSSL).
target_sources(steward_common PRIVATE
  tls/Fingerprint.cpp
  tls/Fingerprint.h
  tls/PeerPinning.cpp
  tls/PeerPinning.h
  tls/TlsConfig.cpp
  tls/TlsConfig.h
  tls/TlsFiles.cpp
  tls/TlsFiles.h
)
