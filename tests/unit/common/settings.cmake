# Unit tests of common/settings, added to the tests_common suite.
target_sources(tests_common PRIVATE
  unit/common/settings/ParameterRegistryTest.cpp
)
