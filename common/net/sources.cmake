# common/net: the bidirectional byte pump used by the shadow proxies and the server relay.
target_sources(steward_common PRIVATE
  net/BytePump.cpp
  net/BytePump.h
  net/WebSocketStream.cpp
  net/WebSocketStream.h
)
