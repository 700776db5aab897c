# common/tls: PEM loading, QSslConfiguration builders, certificate pinning, and the shadow
# path's OpenSSL-native TLS (NativeTls contexts, TlsStream handshake device, TlsPipe pump thread).
target_sources(steward_common PRIVATE
  tls/Fingerprint.cpp
  tls/Fingerprint.h
  tls/NativeTls.cpp
  tls/NativeTls.h
  tls/PeerPinning.cpp
  tls/PeerPinning.h
  tls/TlsConfig.cpp
  tls/TlsConfig.h
  tls/TlsFiles.cpp
  tls/TlsFiles.h
  tls/TlsPipe.cpp
  tls/TlsPipe.h
  tls/TlsStream.cpp
  tls/TlsStream.h
)
target_link_libraries(steward_common PRIVATE OpenSSL::SSL)
