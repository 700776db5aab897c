# Unit tests of common/net: the byte pump over loopback sockets.
target_sources(tests_common PRIVATE
  unit/common/net/BytePumpTest.cpp
  unit/common/net/SocketPair.cpp
  unit/common/net/SocketPair.h
  unit/common/net/WebSocketStreamTest.cpp
)
