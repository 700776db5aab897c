# common/protocol: the socket message catalog, the envelope and the typed messages.
target_sources(steward_common PRIVATE
  protocol/Attributes.cpp
  protocol/CertificateRollover.cpp
  protocol/CertificateSupport.cpp
  protocol/Commands.cpp
  protocol/Decoder.cpp
  protocol/Devices.cpp
  protocol/Discovery.cpp
  protocol/Envelope.cpp
  protocol/ErrorMessage.cpp
  protocol/Events.cpp
  protocol/Hello.cpp
  protocol/JsonReader.cpp
  protocol/Message.cpp
  protocol/MessageType.cpp
  protocol/Settings.cpp
  protocol/Shadow.cpp
  protocol/StrictJson.cpp
  protocol/TrustUpdate.cpp
  protocol/Tunnel.cpp
)
