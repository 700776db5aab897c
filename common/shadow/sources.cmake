# common/shadow: the secure-shadowing wire format (tickets, preamble, reply) and the policy.
target_sources(steward_common PRIVATE
  shadow/ShadowPolicy.cpp
  shadow/ShadowTicket.cpp
  shadow/ShadowWire.cpp
)
