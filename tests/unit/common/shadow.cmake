# Unit tests of common/shadow: the ticket, the preamble, the reply and the policy.
target_sources(tests_common PRIVATE
  unit/common/shadow/ShadowWireTest.cpp
)
