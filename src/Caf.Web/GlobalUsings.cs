// What several features share (Features/Shared) is in scope everywhere; one feature's own types are not.
global using Caf.Web.Features.Shared;
