# common/protocol: the socket message catalog, the envelope and the typed messages.
target_sources(steward_common PRIVATE
  protocol/Envelope.cpp
  protocol/JsonReader.cpp
  protocol/MessageType.cpp
  protocol/StrictJson.cpp
)
