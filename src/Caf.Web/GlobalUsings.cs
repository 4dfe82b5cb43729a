// What several features share (Features/Shared) is in scope everywhere; one feature's own types are not.
global using Caf.Web.Features.Shared;
// The interface's language (InterfaceLanguage.Text/Format) is asked for by every feature that tells a person something.
global using Caf.Web.Infrastructure;
