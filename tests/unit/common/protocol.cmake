# Unit tests of common/protocol, added to the tests_common suite.
target_sources(tests_common PRIVATE
  unit/common/protocol/AttributesTest.cpp
  unit/common/protocol/CertificateRolloverTest.cpp
  unit/common/protocol/CertificateSupportTest.cpp
  unit/common/protocol/CommandsTest.cpp
  unit/common/protocol/DecoderTest.cpp
  unit/common/protocol/DevicesTest.cpp
  unit/common/protocol/DiscoveryTest.cpp
  unit/common/protocol/EnvelopeTest.cpp
  unit/common/protocol/ErrorMessageTest.cpp
  unit/common/protocol/EventsTest.cpp
  unit/common/protocol/GoldenTest.cpp
  unit/common/protocol/HelloTest.cpp
  unit/common/protocol/HostileInputTest.cpp
  unit/common/protocol/JsonReaderTest.cpp
  unit/common/protocol/MessageTypeTest.cpp
  unit/common/protocol/SettingsTest.cpp
  unit/common/protocol/TrustUpdateTest.cpp
)
