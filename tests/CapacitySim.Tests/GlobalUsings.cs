global using NUnit.Framework;
global using CapacitySim.Tests.Support;
