# Unit tests of common/protocol, added to the tests_common suite.
target_sources(tests_common PRIVATE
  unit/common/protocol/EnvelopeTest.cpp
  unit/common/protocol/JsonReaderTest.cpp
  unit/common/protocol/MessageTypeTest.cpp
)
