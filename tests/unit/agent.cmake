# Unit tests of the agent's core: its config file, inventory parsing, command hooks and the
# verification of signed instructions.
steward_add_test_suite(tests_agent LABEL unit LIBS steward_agent_core SOURCES
  unit/agent/AgentConfigTest.cpp
  unit/agent/CertificateRolloverTest.cpp
  unit/agent/CommandRunnerTest.cpp
  unit/agent/InventoryTest.cpp
  unit/agent/TrustUpdaterTest.cpp
)
