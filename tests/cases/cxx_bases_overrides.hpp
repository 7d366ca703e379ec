/* nativeapi-expect
{
  "language": "c++",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "inh::Shape": {"kind": "class", "bases": []},
    "inh::Shape::~Shape": {"kind": "destructor", "overrides": []},
    "inh::Shape::area": {"kind": "method", "overrides": []},
    "inh::Plain": {"kind": "struct", "bases": []},
    "inh::Plain::f": {"kind": "method", "overrides": null},
    "inh::Square": {"kind": "class", "bases": [
      {"name": "ShapeBase", "canonical": "inh::Shape", "access": "public", "virtual": false},
      {"name": "Plain", "canonical": "inh::Plain", "access": "protected", "virtual": true},
      {"name": "Holder<int>", "canonical": "inh::Holder<int>", "access": "private", "virtual": false}]},
    "inh::Square::~Square": {"kind": "destructor", "overrides": ["inh::Shape::~Shape"]},
    "inh::Square::area": {"kind": "method", "overrides": ["inh::Shape::area"]},
    "inh::Square::side": {"kind": "method", "virtual": true, "overrides": []},
    "inh::Square::put": {"kind": "method", "overrides": ["inh::Holder<int>::put"]},
    "inh::Cube": {"kind": "struct", "bases": [
      {"name": "Square", "canonical": "inh::Square", "access": "public", "virtual": false}]},
    "inh::Cube::area": {"kind": "method", "overrides": ["inh::Square::area"]},
    "inh::Cube::side": {"kind": "method", "overrides": ["inh::Square::side"]},
    "Opaque": {"kind": "class", "bases": null},
    "CStyle": {"kind": "struct", "bases": []}
  }
}
*/
/* Direct bases (as written, canonical, access, virtual) and the nearest base methods each virtual
   method overrides: a struct keyword gives public bases, a class keyword private ones. Cube::area
   overrides Square::area, which overrides Shape::area: only the nearest is its. */
namespace inh {
class Shape {
public:
    virtual ~Shape();
    virtual double area() const;
};
typedef Shape ShapeBase;
struct Plain {
    void f();
};
template <class T> struct Holder {
    virtual void put(T value);
};
class Square : public ShapeBase, protected virtual Plain, Holder<int> {
public:
    ~Square() override;
    double area() const override;
    virtual double side() const;
    void put(int value) override;
};
struct Cube : Square {
    double area() const override;
    double side() const override;
};
}  // namespace inh
class Opaque;
struct CStyle {
    int x;
};
