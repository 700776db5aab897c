# steward_agent_core: everything of the agent but main(), so tests link the real code.
# Included by agent/CMakeLists.txt.
add_library(steward_agent_core STATIC
  app/AgentApp.cpp
  app/AgentAppSettings.cpp
  app/AgentConfig.cpp
  app/AgentSettings.cpp
  app/Logging.cpp
  attributes/AttributeCache.cpp
  attributes/AttributeClient.cpp
  attributes/AttributeCommand.cpp
  commands/CommandRunner.cpp
  discovery/DiscoveryResponder.cpp
  discovery/OfferCheck.cpp
  discovery/Onboarding.cpp
  enrol/AgentState.cpp
  enrol/Enroller.cpp
  link/Backoff.cpp
  link/CertificateRollover.cpp
  link/Inventory.cpp
  link/PinnedSignature.cpp
  link/ServerLink.cpp
  link/TrustUpdater.cpp
  shadow/ConsentPrompt.cpp
  shadow/LinkAuthority.cpp
  shadow/SessionIndicators.cpp
  shadow/Logging.cpp
  shadow/ShadowGate.cpp
  shadow/ShadowIdentity.cpp
  shadow/ShadowProxy.cpp
)
add_library(steward::agent_core ALIAS steward_agent_core)
steward_target_defaults(steward_agent_core)
target_link_libraries(steward_agent_core PUBLIC steward::common steward::agent_vnc Qt6::Network
  Qt6::WebSockets)

steward_add_executable(steward-agent SOURCES main.cpp LIBS steward::agent_core)
